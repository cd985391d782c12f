using Ordering.Service;

return await OrderingService.RunAsync(args);
