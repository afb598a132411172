/* Another file's checked converter (i2c_verify_client()), for slotctx.c. */
#include <linux/xcore.h>

struct xcore_dev *xcore_verify(struct device *dev)
{
	return dev->type ? container_of(dev, struct xcore_dev, dev) : NULL;
}
