/* deliberately empty: stands in for cocci/lockcheck_macros.h */
