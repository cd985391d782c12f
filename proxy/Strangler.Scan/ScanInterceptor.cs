using System.Data.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Strangler.Scan;

/// <summary>
/// Sees every command EF Core sends: prefixes it with a comment naming the endpoint that ran it (so it
/// can be told apart in the database's own logs too) and records the tables it touches.
/// </summary>
internal sealed class ScanInterceptor(ScanRecorder recorder, IHttpContextAccessor requests) : DbCommandInterceptor
{
    public const string Background = "(background)";
    private const string Tag = "-- strangler-scan: ";

    // Every command EF Core sends (reader, non-query or scalar, sync or async) is initialized once before it runs.
    public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
    {
        Seen(result, eventData);
        return result;
    }

    private void Seen(DbCommand command, CommandEventData eventData)
    {
        var endpoint = EndpointOf(requests.HttpContext);
        recorder.Record(endpoint, command.CommandText, QualifierOf(command, eventData));
        if (!command.CommandText.StartsWith(Tag, StringComparison.Ordinal))
        {
            // A line comment, ended before the SQL: every provider the kit supports reads past it.
            command.CommandText = Tag + endpoint.Replace('\n', ' ').Replace('\r', ' ') + "\n" + command.CommandText;
        }
    }

    /// <summary>
    /// What an unqualified table name is qualified with, so that two modules' tables of one name stay
    /// apart: the model's default schema; else, for a database in a file (SQLite), the file's name
    /// (<c>catalog.db</c> gives <c>catalog</c>); else the database's name.
    /// </summary>
    internal static string? QualifierOf(DbCommand command, CommandEventData eventData)
    {
        if (eventData.Context?.Model.GetDefaultSchema() is { Length: > 0 } schema)
        {
            return schema;
        }

        var source = command.Connection?.DataSource;
        if (source is { Length: > 0 } && (source.Contains('/') || source.Contains('\\') || source.EndsWith(".db", StringComparison.OrdinalIgnoreCase)))
        {
            return Path.GetFileNameWithoutExtension(source);
        }

        return command.Connection?.Database is { Length: > 0 } database ? database : null;
    }

    /// <summary>"METHOD route-pattern" of the request being served, or <see cref="Background"/>.</summary>
    internal static string EndpointOf(HttpContext? context)
    {
        if (context is null)
        {
            return Background;
        }

        return context.GetEndpoint() is RouteEndpoint route
            ? $"{context.Request.Method} {Trimmed(route.RoutePattern.RawText ?? "/")}"
            : $"{context.Request.Method} (no route)";
    }

    // A group's "/" leaves "/api/orders/" where the route is "/api/orders".
    private static string Trimmed(string pattern) => pattern.Length > 1 ? pattern.TrimEnd('/') : pattern;
}
