/* Calls helper.c's helper_needs() without the lock (two-pass input). */
#include <linux/device.h>

struct device *find_dev(void);
void helper_needs(struct device *dev);

void user(void)
{
	helper_needs(find_dev());
}
