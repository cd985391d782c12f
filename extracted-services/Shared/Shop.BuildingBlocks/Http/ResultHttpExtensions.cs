using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Shop.Kernel;

namespace Shop.BuildingBlocks.Http;

/// <summary>The one place where a use case's <see cref="Error"/> becomes an RFC 9457 answer.</summary>
public static class ResultHttpExtensions
{
    public static Results<TSuccess, ValidationProblem, ProblemHttpResult> ToHttp<T, TSuccess>(
        this Result<T> result, Func<T, TSuccess> onSuccess)
        where TSuccess : IResult
    {
        if (result.IsSuccess)
        {
            return onSuccess(result.Value);
        }

        var problem = ToProblem(result.Error);
        return problem.Result is ValidationProblem validation ? validation : (ProblemHttpResult)problem.Result;
    }

    public static Results<ValidationProblem, ProblemHttpResult> ToProblem(this Error error)
    {
        if (error.Kind == ErrorKind.Validation)
        {
            return TypedResults.ValidationProblem(
                error.Fields ?? new Dictionary<string, string[]>(),
                title: error.Title,
                detail: error.Detail);
        }

        var status = error.Kind switch
        {
            ErrorKind.NotFound => StatusCodes.Status404NotFound,
            ErrorKind.Conflict => StatusCodes.Status409Conflict,
            ErrorKind.PaymentDeclined => StatusCodes.Status402PaymentRequired,
            ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
            _ => StatusCodes.Status400BadRequest,
        };
        return TypedResults.Problem(statusCode: status, title: error.Title, detail: error.Detail);
    }
}
