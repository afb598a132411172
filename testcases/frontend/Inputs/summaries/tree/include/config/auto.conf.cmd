# The make variables Kconfig read, as kbuild records them: the front end
# builds only when its command line gives each the same value.
ifneq "$(ARCH)" "x86_64"
$(autoconfig): FORCE
endif

ifneq "$(CC)" "clang-16"
$(autoconfig): FORCE
endif
