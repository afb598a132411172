// SPDX-License-Identifier: GPL-2.0
/*
 * h17w1 - helpers shared by the family and the master half.
 *
 * Every helper here documents (Context:), asserts or is named for the
 * device lock of the device it is handed.
 */
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/gpio/consumer.h>
#include <linux/lockdep.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/platform_device.h>
#include <linux/w1.h>

#include "h17w1.h"

/* Slave register I/O, as drivers/power/supply/ds2760_battery.c:w1_ds2760_io(). */
static int h17w1_io(struct w1_slave *sl, u8 *buf, int addr, size_t count,
		    bool write)
{
	mutex_lock(&sl->master->bus_mutex);

	if (addr + count > H17W1_DATA_SIZE)
		count = H17W1_DATA_SIZE - addr;

	if (!w1_reset_select_slave(sl)) {
		if (!write) {
			w1_write_8(sl->master, H17W1_READ_DATA);
			w1_write_8(sl->master, addr);
			count = w1_read_block(sl->master, buf, count);
		} else {
			w1_write_8(sl->master, H17W1_WRITE_DATA);
			w1_write_8(sl->master, addr);
			w1_write_block(sl->master, buf, count);
		}
	}

	mutex_unlock(&sl->master->bus_mutex);

	return count;
}

/**
 * h17w1_slave_apply_config() - write the cached alarm thresholds
 * @dev: the w1 slave device (&sl->dev)
 *
 * Context: Process context.  Must be called with the device lock of
 * @dev held; it serializes against the family's sysfs attributes.
 * Return: 0 on success, -EIO if the slave did not answer.
 */
int h17w1_slave_apply_config(struct device *dev)
{
	struct w1_slave *sl = container_of(dev, struct w1_slave, dev);
	struct h17w1_slave *ws = sl->family_data;

	if (!ws->config_dirty)
		return 0;

	if (h17w1_io(sl, ws->thresholds, 8, sizeof(ws->thresholds), true) !=
	    sizeof(ws->thresholds))
		return -EIO;

	ws->config_dirty = false;

	return 0;
}

int h17w1_read_status_locked(struct device *dev)
{
	struct w1_slave *sl = container_of(dev, struct w1_slave, dev);
	struct h17w1_slave *ws = sl->family_data;

	if (h17w1_io(sl, ws->raw, 0, H17W1_DATA_SIZE, false) !=
	    H17W1_DATA_SIZE)
		return -EIO;

	return 0;
}

void h17w1_cell_sync_locked(struct device *dev)
{
	struct platform_device *cell = to_platform_device(dev);

	device_lock_assert(dev);

	dev_dbg(&cell->dev, "resync %s\n", cell->name);
}

/*
 * Create a function cell below @parent: allocate it, point its DMA
 * configuration at the cell's node before adding it, as
 * drivers/media/platform/samsung/s5p-mfc/s5p_mfc.c:s5p_mfc_alloc_memdev()
 * and drivers/staging/vc04_services/interface/vchiq_arm/vchiq_bus.c:
 * vchiq_device_register() do.  Here the new device is locked while its
 * DMA configuration is written.
 */
struct platform_device *h17w1_cell_add(struct device *parent,
				       const char *name,
				       struct device_node *np)
{
	struct platform_device *pdev;
	int ret;

	pdev = platform_device_alloc(name, PLATFORM_DEVID_AUTO);
	if (!pdev)
		return ERR_PTR(-ENOMEM);

	pdev->dev.parent = parent;
	device_set_node(&pdev->dev, of_fwnode_handle(of_node_get(np)));

	if (np) {
		device_lock(&pdev->dev);
		ret = of_dma_configure(&pdev->dev, np, true); /* EXPECT: dma-configure-outside-bus created-device; EXPECT-NONE: device-lock-required */
		device_unlock(&pdev->dev);
		if (ret)
			goto fail;
	}

	ret = platform_device_add(pdev);
	if (ret)
		goto fail;

	return pdev;

fail:
	platform_device_put(pdev);
	return ERR_PTR(ret);
}

/* Master side: bring the bus line to idle. */
int h17w1_master_hw_init_locked(struct device *dev)
{
	struct h17w1_master *m = dev_get_drvdata(dev);

	gpiod_set_value_cansleep(m->gpiod, 1);
	if (m->pullup_gpiod)
		gpiod_set_value_cansleep(m->pullup_gpiod, 1);
	m->suspended = false;

	return 0;
}

/**
 * h17w1_master_quiesce() - park the 1-Wire line before power goes away
 * @dev: the bus master's platform device
 *
 * Context: Must be called with the device lock of @dev held.
 */
void h17w1_master_quiesce(struct device *dev)
{
	struct h17w1_master *m = dev_get_drvdata(dev);

	if (m->pullup_gpiod)
		gpiod_set_value_cansleep(m->pullup_gpiod, 0);
	m->suspended = true;
}

/* Clock out nine bits to release a slave that holds the line low. */
int h17w1_master_recover(struct device *dev)
{
	struct h17w1_master *m = dev_get_drvdata(dev);
	int i;

	device_lock_assert(dev);

	for (i = 0; i < 9; i++) {
		gpiod_set_value_cansleep(m->gpiod, 0);
		udelay(6);
		gpiod_set_value_cansleep(m->gpiod, 1);
		udelay(64);
	}
	m->recoveries++;

	return gpiod_get_value_cansleep(m->gpiod) ? 0 : -EBUSY;
}
