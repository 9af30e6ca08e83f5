import os, sys
sys.path.insert(0, os.getcwd())
from calc import add, double
assert add(2, 3) == 5
assert add(-1, 1) == 0
assert add(10, 0) == 10
assert double(4) == 8
