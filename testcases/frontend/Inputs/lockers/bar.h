/* SPDX-License-Identifier: GPL-2.0 */
#define bar_lock(d)		device_lock(d)
#define bar_unlock(d)		device_unlock(d)
