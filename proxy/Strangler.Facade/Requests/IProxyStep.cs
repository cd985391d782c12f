namespace Strangler.Facade.Requests;

/// <summary>
/// One step of the façade's part of YARP's proxy pipeline, owning one concern. A step that has nothing
/// to do returns <c>next(context)</c> without awaiting it, so a step costs nothing on the requests it
/// does not touch; the order is in <c>Routing/ProxyPipeline</c>.
/// </summary>
internal interface IProxyStep
{
    Task InvokeAsync(HttpContext context, RequestDelegate next);
}
