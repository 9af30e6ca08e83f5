function isAdult(age) {
  return age > 18;
}

module.exports = { isAdult };
