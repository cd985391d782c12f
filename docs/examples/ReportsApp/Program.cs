using ReportsApp;

// Stands in for "your system" in docs/09: a plain ASP.NET app that knows nothing of the façade. Run it
// twice, on 8080 as the legacy system and on 8081 as the service that takes over its reports.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddOpenApi();
builder.Services.AddProblemDetails();
builder.Services.AddSingleton<Customers>();
var app = builder.Build();

app.MapOpenApi();
// Like many real systems, its health endpoint is not at /health.
app.MapGet("/healthz", () => Results.Text("ok")).ExcludeFromDescription();
app.MapReportsApi();
app.MapCustomersApi();
app.Run();
