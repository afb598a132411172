/* SPDX-License-Identifier: GPL-2.0 */
#ifndef AUXDSP_H
#define AUXDSP_H

struct device;

/* auxdsp_main.c: each states what its caller must hold */
int auxdsp_codec_attach_locked(struct device *dev);
void auxdsp_codec_detach(struct device *dev);

/* auxdsp_codec.c */
int auxdsp_codec_register(void);
void auxdsp_codec_unregister(void);

#endif
