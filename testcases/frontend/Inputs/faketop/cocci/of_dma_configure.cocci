/// stand-in for the front end tests
// Options: --no-includes --include-headers --macro-file-builtins lockcheck_macros.h
virtual report
