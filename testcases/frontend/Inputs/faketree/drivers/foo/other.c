/* Names no rule function: never targeted. */
int other(void) { return 0; }
