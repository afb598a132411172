/* SPDX-License-Identifier: GPL-2.0 */
/*
 * h18hda - an HD-audio ext codec driver (struct hdac_driver) in the shape
 * of sound/soc/codecs/hdac_hdmi.c and sound/soc/codecs/hdac_hda.c (6.12),
 * with a small bus of its own for per-pin function devices.
 */
#ifndef H18HDA_H
#define H18HDA_H

#include <linux/device.h>
#include <linux/notifier.h>
#include <linux/timer.h>
#include <linux/workqueue.h>
#include <sound/hdaudio.h>

#define H18HDA_MAX_PINS	3
#define H18HDA_ELD_SIZE	64

struct h18hda;

struct h18hda_pin {
	struct device dev;
	struct h18hda *hda;
	unsigned int nid;
	bool muted;
};
#define to_h18hda_pin(d) container_of(d, struct h18hda_pin, dev)

struct h18hda {
	struct hdac_device *hdev;
	struct device *dev;		/* &hdev->dev, saved by probe */
	struct device_node *dma_np;	/* the controller's node */
	struct h18hda_pin *pins[H18HDA_MAX_PINS];
	unsigned int nr_pins;
	unsigned int route;
	struct timer_list debounce;
	struct work_struct route_work;
	struct work_struct reset_work;
	u8 eld[H18HDA_ELD_SIZE];
	spinlock_t eld_lock;
};

/* h18hda_jack.c: helpers with a device-lock contract */
void h18hda_jack_sync(struct hdac_device *hdev);
int h18hda_pin_route_locked(struct device *dev, unsigned int route);
int h18hda_eld_refresh(struct device *dev);
void h18hda_eld_copy(struct h18hda *hda, u8 *buf, size_t len);
void h18hda_link_sibling(struct device *sib);
void h18hda_pin_mute_locked(struct device *pdev, bool mute);

/* h18hda_jack.c: lock helpers */
int h18hda_lock_codec(struct h18hda *hda);
void h18hda_unlock_codec(struct h18hda *hda);
int h18hda_pins_quiesce(struct h18hda *hda);
int h18hda_pins_restore(struct h18hda *hda);
void h18hda_pin_touch(struct h18hda_pin *pin);

/* h18hda_pin.c */
int h18hda_pin_bus_init(void);
void h18hda_pin_bus_exit(void);
int h18hda_pin_add_all(struct h18hda *hda);
void h18hda_pin_del_all(struct h18hda *hda);
void h18hda_pin_retarget(struct h18hda *hda, struct device_node *np);

#endif /* H18HDA_H */
