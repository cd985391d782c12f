using System.CommandLine;
using System.Text.Json;
using System.Text.RegularExpressions;
using Catalog.Service;
using Docs.Tests.Runnable;
using Docs.Tests.Surface;
using Ordering.Service;
using Strangler.AppHost;
using Strangler.Cli;
using Strangler.Facade.Settings;

namespace Docs.Tests;

/// <summary>
/// The docs and the code name the same things: every manifest key, CLI command and option, service
/// command and app host option that exists is documented, and every one the docs name exists.
/// </summary>
public sealed partial class DocumentedSurfaceTests
{
    private const string Reference = "docs/reference/capability-manifest.md";
    /// <summary>Every command of the CLI, nested ones too ("mismatches export"), with the words that name it.</summary>
    private static IEnumerable<(string Path, System.CommandLine.Command Command)> Commands()
    {
        var pending = new Stack<(string, System.CommandLine.Command)>(Cli.Subcommands.Select(c => (c.Name, c)));
        while (pending.Count > 0)
        {
            var (path, command) = pending.Pop();
            yield return (path, command);
            foreach (var sub in command.Subcommands)
            {
                pending.Push(($"{path} {sub.Name}", sub));
            }
        }
    }

    private static readonly RootCommand Cli = StranglerCli.CreateRoot(TextWriter.Null);

    [Fact]
    public void Every_manifest_key_is_documented()
    {
        var documented = DocumentedKeyPaths().Select(p => p.Path).ToHashSet(StringComparer.Ordinal);
        var missing = ManifestKeys.BySection
            .SelectMany(section => section.Value.Select(key => $"{section.Key}:{key}"))
            .Where(path => !documented.Contains(path))
            .ToList();
        Assert.True(missing.Count == 0,
            $"These manifest keys are in no table under their section's heading in {Reference}, nor named in full anywhere in the docs:\n" + string.Join('\n', missing));
    }

    [Fact]
    public void Every_manifest_key_the_docs_name_exists()
    {
        var unknown = new List<string>();
        foreach (var (where, path) in NamedKeyPaths())
        {
            if (ConfigKeys.Resolve(path, out var problem) is null)
            {
                unknown.Add($"{where}: `{path}`: {problem}");
            }
        }

        Assert.True(unknown.Count == 0, "The docs name settings the façade does not have:\n" + string.Join('\n', unknown));
    }

    [Fact]
    public void Every_CLI_command_and_option_is_in_the_reference()
    {
        var section = CliSection();
        var missing = new List<string>();
        foreach (var (path, command) in Commands())
        {
            var start = $"| `strangler {path}";
            var row = section.Split('\n').FirstOrDefault(line => line.StartsWith(start, StringComparison.Ordinal)
                && line.Length > start.Length && line[start.Length] is ' ' or '`');
            if (row is null)
            {
                missing.Add($"strangler {path}: no row in the CLI table");
                continue;
            }

            missing.AddRange(command.Options.Where(o => !IsBuiltIn(o) && !Regex.IsMatch(row, $@"{Regex.Escape(o.Name)}(?![\w-])"))
                .Select(o => $"strangler {path} {o.Name}: not in its row"));
        }

        missing.AddRange(Cli.Options.Where(o => !IsBuiltIn(o) && !section.Contains($"`{o.Name}`", StringComparison.Ordinal))
            .Select(o => $"strangler {o.Name} (every command): not in the CLI section"));
        Assert.True(missing.Count == 0, $"Undocumented in {Reference}:\n" + string.Join('\n', missing));
    }

    [Fact]
    public void Every_command_line_in_the_docs_is_one_the_tools_accept()
    {
        var wrong = new List<string>();
        foreach (var (where, words) in PageText.CommandLines())
        {
            if ((Arguments(words, "proxy/Strangler.Cli") ?? (words is ["strangler", ..] ? [.. words.Skip(1)] : null)) is { } cli)
            {
                // A value from the reader's environment ("$LEGACY_URL") cannot be checked here, nor can
                // the files of a line that uses one (it is about the reader's system); files named
                // relative to the checkout must exist in it.
                var ownSystem = cli.Any(w => w.Contains('$', StringComparison.Ordinal));
                var errors = Cli.Parse(cli).Errors.Select(e => e.Message)
                    .Where(m => !m.Contains('$', StringComparison.Ordinal))
                    .Where(m => !(MissingFile().Match(m) is { Success: true } file && (ownSystem || File.Exists(Path.Combine(Testing.Infrastructure.RepositoryRoot.Path, file.Groups["file"].Value)))))
                    .ToList();
                wrong.AddRange(errors.Select(e => $"{where}: strangler {string.Join(' ', cli)}: {e}"));
            }
            else if ((Arguments(words, "proxy/Strangler.AppHost") ?? Arguments(words, "proxy/Strangler.Aspire")) is { } appHost)
            {
                SampleOptions.Parse(appHost, out var problems);
                wrong.AddRange(problems.Select(p => $"{where}: app host: {p}"));
            }
            else if (ServiceCommandOf(words) is ({ } service, { } commands, { } name) && !commands.Any(c => c.Name == name))
            {
                wrong.Add($"{where}: {service} has no command '{name}' (it has {string.Join(", ", commands.Select(c => c.Name))})");
            }
        }

        Assert.True(wrong.Count == 0, "Command lines in the docs that the tools refuse:\n" + string.Join('\n', wrong));
    }

    [Fact]
    public void Every_flag_named_in_the_text_exists()
    {
        var known = Commands().SelectMany(c => c.Command.Options).Concat(Cli.Options)
            .SelectMany(o => o.Aliases.Append(o.Name)).Concat(SampleOptions.Options).ToHashSet(StringComparer.Ordinal);
        var unknown = new List<string>();
        foreach (var (page, code) in PageText.InlineCode())
        {
            var words = code.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // A span that starts with another tool's name (`dotnet run --project`, `h2load --h1`) is that tool's business.
            if (words.Length == 0 || !(words[0].StartsWith("--", StringComparison.Ordinal) || words[0] == "strangler"))
            {
                continue;
            }

            foreach (var flag in words.Select(w => w.Split('=')[0].TrimEnd(']', '|', ',', '.')).Where(w => w.StartsWith("--", StringComparison.Ordinal) && w.Length > 2))
            {
                var isConfiguration = flag.Contains(':', StringComparison.Ordinal);
                if (!isConfiguration && !known.Contains(flag))
                {
                    unknown.Add($"{page}: `{code}`: {flag}");
                }
            }
        }

        Assert.True(unknown.Count == 0, "Flags named in the docs that no command has:\n" + string.Join('\n', unknown));
    }

    [Fact]
    public void Every_service_command_and_app_host_option_is_documented()
    {
        var text = string.Join('\n', Pages.All.Select(Pages.Read));
        var missing = new List<string>();
        foreach (var (project, commands) in new[] { ("extracted-services/Catalog.Service", CatalogService.Commands), ("extracted-services/Ordering.Service", OrderingService.Commands) })
        {
            missing.AddRange(commands.Where(c => !text.Contains($"dotnet run --project {project} -- {c.Name}", StringComparison.Ordinal))
                .Select(c => $"dotnet run --project {project} -- {c.Name}"));
        }

        missing.AddRange(SampleOptions.Options.Where(o => !Regex.IsMatch(text, Regex.Escape(o) + @"(?![\w-])")).Select(o => $"the app host's {o}"));
        Assert.True(missing.Count == 0, "Not in any page:\n" + string.Join('\n', missing));
    }

    /// <summary>Settings the docs name in code: inline spans, <c>--Strangler:…=</c> arguments, and JSON blocks holding a Strangler section.</summary>
    private static IEnumerable<(string Where, string Path)> NamedKeyPaths()
    {
        foreach (var (page, code) in PageText.InlineCode())
        {
            foreach (Match path in KeyPath().Matches(code))
            {
                yield return (page, path.Value);
            }
        }

        foreach (var (where, words) in PageText.CommandLines())
        {
            foreach (var word in words.Where(w => w.StartsWith("--Strangler:", StringComparison.Ordinal)))
            {
                yield return (where, word[2..].Split('=')[0]);
            }
        }

        foreach (var page in Pages.All)
        {
            foreach (var block in FencedBlock.Read(Pages.Read(page)).Where(b => b.InfoWords is ["json", ..]))
            {
                foreach (var path in JsonKeyPaths(block.Content))
                {
                    yield return ($"{page}:{block.Line}", path);
                }
            }
        }

        foreach (var (where, path) in ReferenceTableKeyPaths())
        {
            yield return (where, path);
        }
    }

    /// <summary>Each named setting with every section above it, in the schema's terms.</summary>
    private static IEnumerable<(string Where, string Path)> DocumentedKeyPaths()
    {
        foreach (var (where, path) in NamedKeyPaths())
        {
            if (ConfigKeys.Resolve(path, out _) is not { } resolved)
            {
                continue;
            }

            var parts = resolved.Split(':');
            for (var length = 2; length <= parts.Length; length++)
            {
                yield return (where, string.Join(':', parts[..length]));
            }
        }
    }

    /// <summary>The reference's tables: under a heading that names a section in code, each row's first cell names keys of it.</summary>
    private static IEnumerable<(string Where, string Path)> ReferenceTableKeyPaths()
    {
        foreach (var (heading, cell) in PageText.TableRows(Reference))
        {
            var section = PageText.CodeSpans(heading).FirstOrDefault(span => span.StartsWith("Strangler", StringComparison.Ordinal));
            if (section is null)
            {
                continue;
            }

            foreach (var key in PageText.CodeSpans(cell).Where(k => Regex.IsMatch(k, "^[A-Z][A-Za-z]*$")))
            {
                yield return ($"{Reference} ({heading.Trim('#', ' ')})", $"{section}:{key}");
            }
        }
    }

    /// <summary>The paths of a JSON block that is (or, braced, becomes) an object with a <c>Strangler</c> member.</summary>
    private static IEnumerable<string> JsonKeyPaths(string json)
    {
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(json).RootElement;
        }
        catch (JsonException)
        {
            try
            {
                root = JsonDocument.Parse("{" + json + "}").RootElement;
            }
            catch (JsonException)
            {
                yield break;
            }
        }

        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("Strangler", out var strangler))
        {
            foreach (var path in Walk(strangler, "Strangler"))
            {
                yield return path;
            }
        }
    }

    private static IEnumerable<string> Walk(JsonElement element, string path)
    {
        yield return path;
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var member in element.EnumerateObject())
            {
                foreach (var inner in Walk(member.Value, $"{path}:{member.Name}"))
                {
                    yield return inner;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array && element.EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } first)
        {
            foreach (var inner in Walk(first, $"{path}:0"))
            {
                yield return inner;
            }
        }
    }

    private static string CliSection()
    {
        var text = Pages.Read(Reference);
        var start = text.IndexOf("## The `strangler` CLI", StringComparison.Ordinal);
        var end = text.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return text[start..(end < 0 ? text.Length : end)];
    }

    private static bool IsBuiltIn(Option option) => option.Name is "--help" or "--version";

    /// <summary>The words after <c>--</c> of <c>dotnet run … --project &lt;project&gt; … --</c>, or null for another command.</summary>
    private static List<string>? Arguments(IReadOnlyList<string> words, string project)
    {
        if (words is not ["dotnet", "run", ..] || !words.Contains(project))
        {
            return null;
        }

        var separator = words.ToList().IndexOf("--");
        return separator < 0 ? [] : [.. words.Skip(separator + 1)];
    }

    private static (string?, IReadOnlyList<Shop.BuildingBlocks.Hosting.ServiceCommand>?, string?) ServiceCommandOf(IReadOnlyList<string> words)
    {
        foreach (var (project, commands) in new[] { ("extracted-services/Catalog.Service", CatalogService.Commands), ("extracted-services/Ordering.Service", OrderingService.Commands) })
        {
            if (Arguments(words, project) is [var first, ..] && !first.StartsWith('-'))
            {
                return (project, commands, first);
            }
        }

        return (null, null, null);
    }

    [GeneratedRegex("^File does not exist: '(?<file>[^']+)'")]
    private static partial Regex MissingFile();

    [GeneratedRegex(@"(?:Strangler|…)(?::(?:<[a-z]+>|[A-Za-z0-9*._-]+))+")]
    private static partial Regex KeyPath();
}
