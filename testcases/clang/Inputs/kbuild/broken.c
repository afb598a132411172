/* Does not compile: the wrapper reports an error line, exits 0. */
int broken(void) { return undeclared_thing; }
