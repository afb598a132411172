/* score.py's own test: labels only, never compiled. */
void a(void) { of_dma_configure(d, np, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT: device-lock-required */ }
void b(void) { of_dma_configure(d, np, true); /* EXPECT: dma-configure-outside-bus foreign-device; EXPECT-NONE: device-lock-required */ }
void c(void) { helper(d); /* EXPECT: device-lock-required */ }
void e(void) { device_unlock(d); /* EXPECT-NONE: lock-imbalance */ }
void f(void) { other(d); }
static void g(void) { of_dma_configure(d, np, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT: device-lock-required @g */ }
void h(void) { g(); /* EXPECT: device-lock-required @g */ }
