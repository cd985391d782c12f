using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Shop.BuildingBlocks.Http;

/// <summary>
/// JSON travels as UTF-8 (RFC 8259). A JSON body declared in another charset (<c>charset=ebcdic</c>,
/// <c>latin1</c>) is refused with a 415 problem before any endpoint reads it: the JSON reader would
/// otherwise throw on an unknown encoding, which surfaced as a 500 a client could cause at will.
/// </summary>
internal sealed class JsonCharsetMiddleware(RequestDelegate next, IProblemDetailsService problemDetails)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type)
            && (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))
            && type.Charset.HasValue
            && !(type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || type.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase)))
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            await problemDetails.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status415UnsupportedMediaType,
                    Title = "The request's charset is not supported.",
                    Detail = $"The body is declared as charset '{type.Charset}'; send JSON as UTF-8 (charset=utf-8, or no charset).",
                },
            });
            return;
        }

        await next(context);
    }
}
