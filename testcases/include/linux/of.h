/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_OF_H
#define _LINUX_OF_H

#include <linux/types.h>

struct fwnode_handle {
	const void *ops;
};

struct device_node {
	const char *name;
	const char *full_name;
	struct fwnode_handle fwnode;
	struct device_node *parent;
	struct device_node *child;
	struct device_node *sibling;
};

#define MAX_PHANDLE_ARGS 16
struct of_phandle_args {
	struct device_node *np;
	int args_count;
	u32 args[MAX_PHANDLE_ARGS];
};

struct of_device_id {
	char	name[32];
	char	type[32];
	char	compatible[128];
	const void *data;
};

struct device_node *of_node_get(struct device_node *node);
void of_node_put(struct device_node *node);
struct device_node *of_parse_phandle(const struct device_node *np,
				     const char *phandle_name, int index);
struct device_node *of_get_child_by_name(const struct device_node *node,
					 const char *name);
struct device_node *of_get_next_child(const struct device_node *node,
				      struct device_node *prev);
struct device_node *of_find_compatible_node(struct device_node *from,
					    const char *type, const char *compat);
struct device_node *of_find_matching_node_and_match(struct device_node *from,
					const struct of_device_id *matches,
					const struct of_device_id **match);
bool of_device_is_available(const struct device_node *device);
bool of_device_is_compatible(const struct device_node *device, const char *compat);

#define for_each_child_of_node(parent, child) \
	for (child = of_get_next_child(parent, NULL); child != NULL; \
	     child = of_get_next_child(parent, child))

#define of_fwnode_handle(node) (&(node)->fwnode)

#endif
