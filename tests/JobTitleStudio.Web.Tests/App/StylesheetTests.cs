using JobTitleStudio.Web.Hosting;

namespace JobTitleStudio.Web.Tests.App;

/// <summary>
/// The app's own stylesheets. A rule left open (a merge once dropped a closing brace) makes the browser read every rule
/// after it as nested in it, so whole pages lose their layout without any error.
/// </summary>
public sealed class StylesheetTests
{
    public static TheoryData<string> Stylesheets() =>
        [.. Directory.EnumerateFiles(Path.Combine(ContentRootLocator.Find(), ContentRootLocator.WebRootFolderName, "css"), "*.css").Select(path => Path.GetFileName(path))];

    [Theory]
    [MemberData(nameof(Stylesheets))]
    public void Every_rule_is_closed_before_the_next_one_opens_except_inside_an_at_rule(string file)
    {
        var text = File.ReadAllText(Path.Combine(ContentRootLocator.Find(), ContentRootLocator.WebRootFolderName, "css", file));
        var open = new Stack<(string Selector, int Line)>();
        var line = 1;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '\n':
                    line++;
                    break;
                case '/' when i + 1 < text.Length && text[i + 1] == '*':
                    var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                    line += text.AsSpan(i, end + 2 - i).Count('\n');
                    i = end + 1;
                    start = i + 1;
                    break;
                case '{':
                    var selector = text[start..i].Trim();
                    if (open.TryPeek(out var outer) && !outer.Selector.StartsWith('@'))
                    {
                        Assert.Fail($"{file}, line {line}: \"{selector}\" opens inside \"{outer.Selector}\" (line {outer.Line}), which is not closed");
                    }
                    open.Push((selector, line));
                    start = i + 1;
                    break;
                case '}':
                    Assert.True(open.Count > 0, $"{file}, line {line}: a closing brace with no rule open");
                    open.Pop();
                    start = i + 1;
                    break;
                case ';':
                    start = i + 1;
                    break;
            }
        }
        if (open.TryPeek(out var unclosed))
        {
            Assert.Fail($"{file}: \"{unclosed.Selector}\" (line {unclosed.Line}) is never closed");
        }
    }
}
