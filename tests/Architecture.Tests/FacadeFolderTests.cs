using System.Reflection;
using NetArchTest.Rules;
using Strangler.Facade;

namespace Architecture.Tests;

/// <summary>
/// The façade's folders depend on each other in one direction only, so each can be read with what is
/// below it and nothing above: the per-request things every proxy step shares (<c>Requests</c>) and the
/// settings are at the bottom, the composition at the top.
/// </summary>
public sealed class FacadeFolderTests
{
    private const string Root = "Strangler.Facade.";
    private static readonly Assembly Facade = typeof(FacadeApplication).Assembly;

    private static readonly IReadOnlyList<string> Folders = Facade.GetTypes()
        .Select(type => type.Namespace)
        .Where(name => name is not null && name.StartsWith(Root, StringComparison.Ordinal))
        .Select(name => name![Root.Length..].Split('.')[0])
        .Distinct()
        .Order(StringComparer.Ordinal)
        .ToList();

    private static readonly Lazy<Dictionary<string, SortedSet<string>>> Graph = new(() => Folders.ToDictionary(
        folder => folder,
        folder => new SortedSet<string>(Folders.Where(other => other != folder && DependsOn(folder, other)), StringComparer.Ordinal)));

    [Fact]
    public void No_folder_depends_on_itself_through_another()
    {
        var cycles = Folders.Select(CycleFrom).OfType<string>().Distinct().ToList();

        Assert.True(cycles.Count == 0, "Folders that depend on each other:\n" + string.Join('\n', cycles) + "\n\nThe whole graph:\n" + Describe());
    }

    [Theory]
    [InlineData("Settings")]
    [InlineData("Requests", "Settings")]
    [InlineData("Health", "Settings", "Requests")]
    [InlineData("Recording", "Settings", "Requests")]
    public void A_folder_low_in_the_graph_knows_only_what_is_below_it(string folder, params string[] below)
    {
        var beyond = Graph.Value[folder].Except(below).ToList();

        Assert.True(beyond.Count == 0, $"{folder} depends on {string.Join(", ", beyond)}; it may depend only on {(below.Length == 0 ? "no other folder" : string.Join(", ", below))}.\n\n{Describe()}");
    }

    [Fact]
    public void Only_routing_and_the_composition_know_every_step_of_the_request_path()
    {
        var knowTheOrder = Folders.Where(folder => folder != "Routing" && Graph.Value[folder].Contains("Routing")).ToList();

        Assert.True(knowTheOrder.Count == 0, $"These folders reach into Routing: {string.Join(", ", knowTheOrder)}.\n\n{Describe()}");
    }

    private static bool DependsOn(string folder, string other) =>
        !Types.InAssembly(Facade).That().ResideInNamespace(Root + folder)
            .ShouldNot().HaveDependencyOn(Root + other).GetResult().IsSuccessful;

    /// <summary>A path from <paramref name="start"/> back to itself, if there is one.</summary>
    private static string? CycleFrom(string start)
    {
        var path = new Stack<string>();
        var seen = new HashSet<string>();
        return Visit(start) ? string.Join(" -> ", path.Reverse().Append(start)) : null;

        bool Visit(string folder)
        {
            path.Push(folder);
            foreach (var next in Graph.Value[folder])
            {
                if (next == start || (seen.Add(next) && Visit(next)))
                {
                    return true;
                }
            }

            path.Pop();
            return false;
        }
    }

    private static string Describe() => string.Join('\n', Graph.Value.Select(pair => $"{pair.Key} -> {string.Join(", ", pair.Value)}"));
}
