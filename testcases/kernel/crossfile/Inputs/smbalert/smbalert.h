/* SPDX-License-Identifier: GPL-2.0 */
#include <linux/device.h>

int smbalert_ack(struct device *dev);
