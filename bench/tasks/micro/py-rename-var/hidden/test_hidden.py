import re, subprocess, sys
src = open('area.py').read()
assert not re.search(r'\bw\b', src), 'w is still there'
assert re.search(r'\bwidth\b', src), 'no width'
assert re.search(r'\bh\b', src), 'h was renamed too'
out = subprocess.run([sys.executable, 'area.py'], capture_output=True, text=True, check=True).stdout
assert out.strip() == '12', out
