using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Shop.BuildingBlocks.Http;

/// <summary>
/// Turns what can go wrong before or around a handler into precise ProblemDetails: unreadable JSON
/// and wrong types (400, naming the JSON path), oversized bodies (413), lost optimistic-concurrency
/// races and deadlocks (409). Anything else is a 500 that says nothing about internals.
/// </summary>
internal sealed class RequestExceptionHandler(IProblemDetailsService problemDetails, ILogger<RequestExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException bad => new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                    ? "The request body is too large."
                    : "The request could not be read.",
                Detail = DescribeBadRequest(bad),
            },
            _ when exception is DbUpdateConcurrencyException || IsLostRace(exception) => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "The resource was changed by someone else.",
                Detail = "Another request changed the same data first. Read it again and retry.",
            },
            _ => null,
        };

        if (problem is null)
        {
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "An unexpected error occurred.",
            };
        }
        else
        {
            logger.LogInformation("Refused {Method} {Path} with {Status}: {Detail}",
                httpContext.Request.Method, httpContext.Request.Path, problem.Status, problem.Detail);
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    // Two transactions that waited on each other: the database picks one to fail (a deadlock or a
    // serialisation failure). Like a failed version check, the loser changed nothing and may retry.
    private static bool IsLostRace(Exception exception) =>
        exception.GetBaseException() is DbException database &&
        (database.SqlState is "40P01" or "40001" || database.Message.Contains("deadlocked", StringComparison.Ordinal));

    private static string DescribeBadRequest(BadHttpRequestException exception)
    {
        // System.Text.Json names the JSON path of the offending value; that is what a caller needs.
        var inner = exception.InnerException?.Message;
        if (string.IsNullOrEmpty(inner))
        {
            return exception.Message;
        }

        var cut = inner.IndexOf(" | LineNumber", StringComparison.Ordinal);
        return cut > 0 ? inner[..cut] : inner;
    }
}
