assert open('output.txt').read().strip() == '4181', open('output.txt').read()
