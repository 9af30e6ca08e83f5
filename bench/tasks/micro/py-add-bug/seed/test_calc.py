from calc import add, double

assert add(2, 3) == 5, f"add(2, 3) returned {add(2, 3)}"
assert double(4) == 8
print("ok")
