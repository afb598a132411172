/* Calls __iommu_attach_device() without group->mutex: sparse says so. */
int c_attach(struct iommu_domain *domain, struct device *dev)
{
	return __iommu_attach_device(domain, dev);
}
