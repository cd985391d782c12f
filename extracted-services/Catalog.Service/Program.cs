using Catalog.Service;

return await CatalogService.RunAsync(args);
