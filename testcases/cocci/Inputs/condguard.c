/* A call inside scoped_cond_guard(): spatch 1.1.1 parses that function
 * only with cocci/lockcheck_macros.h. */
int cond_guarded(struct device *dev, struct device_node *np)
{
	scoped_cond_guard(mutex_intr, return -EINTR, &dev->mutex) {
		return of_dma_configure(dev, np, true);
	}
	return 0;
}
