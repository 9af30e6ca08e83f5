import os, sys
sys.path.insert(0, os.getcwd())
from square import square
assert square(3) == 9
assert square(-4) == 16
assert square(0) == 0
