using System.Text;

namespace Docs.Tests.Surface;

/// <summary>Splits a shell line into its commands (at <c>|</c>, <c>&amp;&amp;</c>, <c>||</c>, <c>;</c>) and each into words, quotes removed; redirections and comments end a command.</summary>
internal static class ShellWords
{
    public static IEnumerable<IReadOnlyList<string>> Commands(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        char? quote = null;
        var skipping = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                }
                else
                {
                    word.Append(c);
                }

                continue;
            }

            if (c is '\'' or '"')
            {
                quote = c;
                inWord = true;
                continue;
            }

            if (c is '|' or ';' or '&' or '>' or '<' or '#' || char.IsWhiteSpace(c))
            {
                if (inWord && !skipping)
                {
                    words.Add(word.ToString());
                }

                word.Clear();
                inWord = false;
                if (c is '>' or '<' or '#')
                {
                    skipping = true;
                }
                else if (c is '|' or ';' or '&')
                {
                    if (words.Count > 0)
                    {
                        yield return words;
                    }

                    words = [];
                    skipping = false;
                }

                continue;
            }

            word.Append(c);
            inWord = true;
        }

        if (inWord && !skipping)
        {
            words.Add(word.ToString());
        }

        if (words.Count > 0)
        {
            yield return words;
        }
    }
}
