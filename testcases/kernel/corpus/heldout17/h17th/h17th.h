/* SPDX-License-Identifier: GPL-2.0 */
/*
 * h17th - a trace hub with its own bus of sub-devices.
 *
 * Modelled on drivers/hwtracing/intel_th: core.c (intel_th_bus,
 * intel_th_probe, intel_th_remove, intel_th_device_alloc,
 * intel_th_subdevice_alloc, active_store, intel_th_irq), msu.c (the
 * "msc" output driver) and acpi.c/pci.c (the host glue).
 */
#ifndef H17TH_H
#define H17TH_H

#include <linux/device.h>
#include <linux/interrupt.h>
#include <linux/timer.h>
#include <linux/workqueue.h>

#define H17TH_MAX_SUBDEVS	8

enum h17th_type {
	H17TH_SOURCE,
	H17TH_OUTPUT,
	H17TH_SWITCH,
};

struct h17th;

struct h17th_device {
	struct device		dev;
	struct h17th		*th;
	unsigned int		type;
	int			id;
	u32			req_id;		/* IOMMU stream id */
	bool			active;
	bool			busy;
	char			name[];
};

#define to_h17th_device(_d)	container_of((_d), struct h17th_device, dev)

struct h17th_driver {
	struct device_driver	driver;
	int			(*probe)(struct h17th_device *thdev);
	void			(*remove)(struct h17th_device *thdev);
	/* output ops */
	irqreturn_t		(*irq)(struct h17th_device *thdev);
	int			(*activate)(struct h17th_device *thdev);
	void			(*deactivate)(struct h17th_device *thdev);
	void			(*reset)(struct h17th_device *thdev);
};

#define to_h17th_driver(_d)	container_of_const((_d), struct h17th_driver, driver)

struct h17th {
	struct device		*dev;		/* host (glue) device */
	struct h17th_device	*hub;
	struct h17th_device	*thdev[H17TH_MAX_SUBDEVS];
	unsigned int		num_thdevs;
	int			id;
	int			irq;
	u32			mode;
	u32			window;
	u32			global_status;
	struct work_struct	resync_work;
};

extern const struct bus_type h17th_bus;

/* h17th_core.c */
int h17th_driver_register(struct h17th_driver *thdrv);
void h17th_driver_unregister(struct h17th_driver *thdrv);
struct h17th *h17th_alloc(struct device *dev, int irq);
void h17th_free(struct h17th *th);
irqreturn_t h17th_irq(int irq, void *data);
irqreturn_t h17th_irq_thread(int irq, void *data);
int h17th_bus_notifier_init(void);
void h17th_bus_notifier_exit(void);

int h17th_output_link(struct h17th_device *thdev);
void h17th_output_rebase(struct h17th_device *thdev);
u32 h17th_output_win_status_locked(struct device *dev);
bool h17th_output_stalled_locked(struct device *dev);
void h17th_output_stop_locked(struct device *dev);
void h17th_host_resync_locked(struct device *dev);
void h17th_host_park(struct device *dev);

int h17th_output_lock(struct h17th_device *thdev);
int h17th_output_lock_idle(struct h17th_device *thdev);

/* h17th_msu.c */
extern struct h17th_driver h17th_msc_driver;

#endif /* H17TH_H */
