/* Leaks a device_lock() in b_helper(); b_match()'s spinlock is not ours. */
static void b_helper(struct device *dev)
{
	device_lock(dev);
	device_lock_assert(dev);
}

static int b_match(struct device *dev)
{
	spin_lock(&b_ids_lock);
	return dev != NULL;
}
