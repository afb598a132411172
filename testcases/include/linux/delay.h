/* SPDX-License-Identifier: GPL-2.0 */
/* Mini <linux/delay.h> */
#ifndef _LINUX_DELAY_H
#define _LINUX_DELAY_H

void msleep(unsigned int msecs);

#endif
