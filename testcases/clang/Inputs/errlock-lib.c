// Lock functions of another file that return their object with the lock
// held, or an ERR_PTR() without it: fslmcx_lock_container() of the corpus,
// on fsl-mc's shape.
#include "errlock.h"

/* The container, locked, or an ERR_PTR() (-EBUSY when busy). */
struct el_obj *el_lock_container(struct el_obj *obj)
{
	struct device *cont = obj->dev.parent;

	if (!cont)
		return ERR_PTR(-ENODEV);
	if (!device_trylock(cont))
		return ERR_PTR(-EBUSY);
	if (!cont->driver) {
		device_unlock(cont);
		return ERR_PTR(-EIO);
	}
	return to_el_obj(cont);
}

/* Its twin keeps the lock on an error return. */
struct el_obj *el_lock_container_leaky(struct el_obj *obj)
{
	struct device *cont = obj->dev.parent;

	if (!cont)
		return ERR_PTR(-ENODEV);
	if (!device_trylock(cont))
		return ERR_PTR(-EBUSY);
	if (!cont->driver) {
		device_unlock(cont);
		return ERR_PTR(-EIO);
	}
	if (!cont->platform_data)
		return ERR_PTR(-EINVAL); // expected-warning{{device_lock() acquired in el_lock_container_leaky() is still held at this return}}
	return to_el_obj(cont);
}

/* The object itself, locked and ready, or an ERR_PTR(). */
struct el_obj *el_lock_self(struct el_obj *obj)
{
	int ret = device_lock_interruptible(&obj->dev);

	if (ret)
		return ERR_PTR(ret);
	if (!obj->ready) {
		device_unlock(&obj->dev);
		return ERR_PTR(-ENODEV);
	}
	return obj;
}

void el_unlock(struct el_obj *obj)
{
	device_unlock(&obj->dev);
}

int el_rescan_locked(struct el_obj *cont)
{
	device_lock_assert(&cont->dev);
	return cont->ready ? 0 : -EINVAL;
}
