/* A clean file: it names device_lock_assert but nobody reports it. */
static void b_helper(struct device *dev)
{
	device_lock_assert(dev);
}
