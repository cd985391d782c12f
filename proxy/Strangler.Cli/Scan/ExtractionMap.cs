using Strangler.Cli.Doctor;
using Strangler.Contracts.Scan;

namespace Strangler.Cli.Scan;

/// <summary>
/// What a scan recording says about where to cut: which endpoint reads and writes which table, which
/// endpoints belong together because they write the same tables, and, per capability of the
/// manifest, the tables it writes that others read (what blocks its extraction, or needs sync back)
/// and the tables it reads that others write (what it needs synced in).
/// </summary>
internal sealed record ExtractionMap(
    IReadOnlyList<string> Endpoints,
    IReadOnlyList<string> Tables,
    IReadOnlyDictionary<(string Endpoint, string Table), string> Cells,
    IReadOnlyList<EndpointGroup> Groups,
    IReadOnlyList<CapabilityFindings> Capabilities,
    IReadOnlyDictionary<string, string> CapabilityOf)
{
    public const string Unclaimed = "(monolith)";

    public static ExtractionMap Of(IEnumerable<ScanRecording> recordings, DoctorManifest? manifest)
    {
        var accesses = recordings.SelectMany(r => r.Accesses)
            .Where(a => a.Endpoint != "(background)" && !a.Table.StartsWith("__EFMigrationsHistory", StringComparison.OrdinalIgnoreCase)
                && !a.Table.EndsWith(".__EFMigrationsHistory", StringComparison.OrdinalIgnoreCase))
            .ToList();
        var endpoints = accesses.Select(a => a.Endpoint).Distinct().Order(StringComparer.Ordinal).ToList();
        var tables = accesses.Select(a => a.Table).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        var cells = accesses.GroupBy(a => (a.Endpoint, a.Table))
            .ToDictionary(g => g.Key, g => g.Any(a => a.Access == "write") ? (g.Any(a => a.Access == "read") ? "RW" : "W") : "R");
        var capabilityOf = endpoints.ToDictionary(e => e, e => manifest is null ? Unclaimed : RouteMatch.CapabilityOf(e, manifest) ?? Unclaimed, StringComparer.Ordinal);
        return new ExtractionMap(endpoints, tables, cells, GroupsOf(endpoints, cells), FindingsOf(manifest, capabilityOf, cells), capabilityOf);
    }

    public IEnumerable<string> Reads(string endpoint) => Tables.Where(t => Cells.TryGetValue((endpoint, t), out var c) && c.Contains('R'));

    public IEnumerable<string> Writes(string endpoint) => Tables.Where(t => Cells.TryGetValue((endpoint, t), out var c) && c.Contains('W'));

    /// <summary>
    /// Endpoints that write a table are in one group with every other endpoint writing it (and, through
    /// them, transitively); an endpoint that only reads joins the group whose tables it reads, when they
    /// are one group's, and is listed as spanning groups otherwise.
    /// </summary>
    private static List<EndpointGroup> GroupsOf(List<string> endpoints, Dictionary<(string Endpoint, string Table), string> cells)
    {
        var parent = new Dictionary<string, string>(StringComparer.Ordinal);
        string Find(string x)
        {
            while (parent.TryGetValue(x, out var p) && p != x)
            {
                x = p;
            }

            return x;
        }

        void Union(string a, string b) => parent[Find(a)] = Find(b);

        foreach (var ((endpoint, table), access) in cells)
        {
            parent.TryAdd("e:" + endpoint, "e:" + endpoint);
            parent.TryAdd("t:" + table, "t:" + table);
            if (access.Contains('W'))
            {
                Union("e:" + endpoint, "t:" + table);
            }
        }

        bool IsWritten(string table) => cells.Any(c => c.Key.Table == table && c.Value.Contains('W'));
        List<string> ReadBy(string endpoint) => [.. cells.Where(c => c.Key.Endpoint == endpoint).Select(c => c.Key.Table)];
        bool Writes(string endpoint) => cells.Any(c => c.Key.Endpoint == endpoint && c.Value.Contains('W'));

        // Tables nobody writes say nothing about where an endpoint belongs, unless they are all it reads:
        // then they go together, with the endpoint.
        foreach (var endpoint in endpoints.Where(e => !Writes(e)))
        {
            var read = ReadBy(endpoint);
            if (read.Count > 0 && !read.Any(IsWritten))
            {
                read.ForEach(t => Union("t:" + t, "t:" + read[0]));
            }
        }

        var groups = new Dictionary<string, (SortedSet<string> Endpoints, SortedSet<string> Tables)>(StringComparer.Ordinal);
        (SortedSet<string> Endpoints, SortedSet<string> Tables) GroupOf(string root) =>
            groups.TryGetValue(root, out var g) ? g : groups[root] = (new SortedSet<string>(StringComparer.Ordinal), new SortedSet<string>(StringComparer.Ordinal));

        foreach (var table in cells.Keys.Select(k => k.Table).Distinct())
        {
            GroupOf(Find("t:" + table)).Tables.Add(table);
        }

        var spanning = new List<string>();
        foreach (var endpoint in endpoints)
        {
            if (Writes(endpoint))
            {
                GroupOf(Find("e:" + endpoint)).Endpoints.Add(endpoint);
                continue;
            }

            var read = ReadBy(endpoint);
            var written = read.Where(IsWritten).ToList();
            var roots = (written.Count > 0 ? written : read).Select(t => Find("t:" + t)).Distinct().ToList();
            if (roots.Count == 1)
            {
                GroupOf(roots[0]).Endpoints.Add(endpoint);
            }
            else
            {
                spanning.Add(endpoint);
            }
        }

        var result = groups.Values.Where(g => g.Endpoints.Count > 0)
            .Select(g => new EndpointGroup([.. g.Endpoints], [.. g.Tables], SpansGroups: false))
            .OrderByDescending(g => g.Tables.Count).ThenBy(g => g.Tables[0], StringComparer.Ordinal)
            .ToList();
        if (spanning.Count > 0)
        {
            result.Add(new EndpointGroup(spanning, [], SpansGroups: true));
        }

        return result;
    }

    private static List<CapabilityFindings> FindingsOf(DoctorManifest? manifest, Dictionary<string, string> capabilityOf, Dictionary<(string Endpoint, string Table), string> cells)
    {
        if (manifest is null)
        {
            return [];
        }

        // What no capability claims is named by its endpoint: "read by GET /api/sync/export/orders" says more than "(monolith)".
        var byCapability = cells.GroupBy(c => capabilityOf[c.Key.Endpoint] == Unclaimed ? c.Key.Endpoint : capabilityOf[c.Key.Endpoint])
            .ToDictionary(g => g.Key, g => (
                Reads: g.Where(c => c.Value.Contains('R')).Select(c => c.Key.Table).ToHashSet(StringComparer.OrdinalIgnoreCase),
                Writes: g.Where(c => c.Value.Contains('W')).Select(c => c.Key.Table).ToHashSet(StringComparer.OrdinalIgnoreCase)));
        var findings = new List<CapabilityFindings>();
        foreach (var capability in manifest.Capabilities.Select(c => c.Name).Order(StringComparer.Ordinal))
        {
            var own = byCapability.GetValueOrDefault(capability, (Reads: [], Writes: []));
            var others = byCapability.Where(pair => pair.Key != capability).ToList();
            var readElsewhere = own.Writes.Order(StringComparer.Ordinal)
                .SelectMany(t => others.Where(o => o.Value.Reads.Contains(t)).Select(o => new SharedTable(t, o.Key)))
                .ToList();
            var writtenElsewhere = own.Reads.Order(StringComparer.Ordinal)
                .SelectMany(t => others.Where(o => o.Value.Writes.Contains(t)).Select(o => new SharedTable(t, o.Key)))
                .ToList();
            findings.Add(new CapabilityFindings(capability, [.. own.Reads.Order(StringComparer.Ordinal)], [.. own.Writes.Order(StringComparer.Ordinal)],
                readElsewhere, writtenElsewhere, Seen: byCapability.ContainsKey(capability)));
        }

        return findings;
    }
}

/// <summary>Endpoints that write the same tables: a candidate capability. <see cref="SpansGroups"/>: read-only endpoints that read more than one group's tables.</summary>
internal sealed record EndpointGroup(IReadOnlyList<string> Endpoints, IReadOnlyList<string> Tables, bool SpansGroups);

/// <summary>A table one capability shares with another (or with what no capability claims, <see cref="ExtractionMap.Unclaimed"/>).</summary>
internal sealed record SharedTable(string Table, string With);

/// <summary>
/// One capability: the tables it reads and writes; <see cref="WrittenHereReadElsewhere"/>, what blocks
/// taking its data away (each reader needs a copy or an API); <see cref="ReadHereWrittenElsewhere"/>,
/// what the extracted service needs synced in. <see cref="Seen"/> is false when the recording has none of its endpoints.
/// </summary>
internal sealed record CapabilityFindings(
    string Capability, IReadOnlyList<string> Reads, IReadOnlyList<string> Writes,
    IReadOnlyList<SharedTable> WrittenHereReadElsewhere, IReadOnlyList<SharedTable> ReadHereWrittenElsewhere, bool Seen);
