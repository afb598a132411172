// A helper of another file that asserts the lock of the device its
// argument points to.
#include <linux/device.h>
#include "hw.h"

void hw_apply_ext(struct hw *hw)
{
	device_lock_assert(hw->dev);
	hw->route = 4;
}
