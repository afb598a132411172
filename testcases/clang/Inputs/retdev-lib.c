// A trylock helper of another file that returns the device it locked,
// embedded in its argument (a gameport driver's trylock of &gp->dev):
// "@acquires rd_trylock_port 0 DEV_MUTEX TRY dev" and "@returns".
#include "retdev.h"

// expected-no-diagnostics

struct device *rd_trylock_port(struct rd_port *p)
{
	if (!device_trylock(&p->dev))
		return NULL;
	return &p->dev;
}
