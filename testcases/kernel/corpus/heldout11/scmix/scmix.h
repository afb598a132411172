/* SPDX-License-Identifier: GPL-2.0 */
/*
 * scmix: an SCMI protocol driver on scmi_bus_type (drivers/firmware/
 * arm_scmi/bus.c), shaped on drivers/firmware/arm_scmi/
 * scmi_power_control.c: notifier blocks registered through
 * notify_ops->devm_event_notifier_register() and called from the SCMI
 * notification work (notify.c:scmi_events_dispatcher()), a suspend work,
 * system-sleep resume.  It creates firmware memory devices as
 * drivers/net/wireless/ath/ath10k/snoc.c:ath10k_fw_init() and syncs their
 * IOMMU group's devices, as drivers/vfio/vfio_iommu_type1.c walks a group.
 */
#ifndef _SCMIX_H
#define _SCMIX_H

#include <linux/device.h>
#include <linux/mutex.h>
#include <linux/notifier.h>
#include <linux/platform_device.h>
#include <linux/scmi_protocol.h>
#include <linux/workqueue.h>

struct scmix_conf {
	struct device *dev;		/* &sdev->dev, kept by probe */
	struct scmi_device *sdev;
	struct notifier_block sys_nb;
	struct notifier_block pwr_nb;
	struct work_struct suspend_work;
	struct work_struct regroup_work;
	struct work_struct resync_work;
	struct mutex state_mtx;
	struct platform_device *fw_pdev;	/* ath10k_fw_init() shape */
	struct platform_device *shmem_pdev;
	unsigned int state;
	unsigned int synced;
};

/* scmix_lib.c */
int scmix_lib_sync(struct device *dev);
void scmix_lib_teardown_locked(struct device *dev);
int scmix_lib_group_sync(struct device *dev);

/* scmix_mem.c */
int scmix_mem_create(struct scmix_conf *sc);
void scmix_mem_destroy(struct scmix_conf *sc);
int scmix_mem_regroup(struct scmix_conf *sc);

#endif /* _SCMIX_H */
