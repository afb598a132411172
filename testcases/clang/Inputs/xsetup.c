// A second core file that calls ->setup on a device it found itself, as
// drivers/base/power/main.c walks its list beside generic_ops.c's
// pm_generic_suspend_late() (clang/slotctx.c): ->setup is then no API's
// alone (@notapi).
#include <linux/xcore.h>

struct xcore_dev *xcore_find(int id);

void xcore_setup_first(void)
{
	struct xcore_dev *xd = xcore_find(0);

	if (xd)
		xd->ops->setup(xd);
}
