using Bunit;
using JobTitleStudio.Core.Taxonomy;
using JobTitleStudio.Web.Features.Lookup;
using JobTitleStudio.Web.Tests.Support;


namespace JobTitleStudio.Web.Tests.Components;

public sealed class CorrectionPickerTests : StudioComponentTest
{
    private static readonly CategoryDefinition[] Categories =
    [
        new("Sales"), new("Marketing"), new("HR", "Human Resources"), new("IT", "Information Technology"), new("Finance"),
    ];

    private string? _saved;
    private bool _cancelled;

    private IRenderedComponent<CorrectionPicker> RenderPicker(string current = "Sales") => Render<CorrectionPicker>(p => p
        .Add(c => c.Categories, Categories)
        .Add(c => c.Current, current)
        .Add(c => c.OnSave, (string label) => _saved = label)
        .Add(c => c.OnCancel, () => _cancelled = true));

    private static List<string> Options(IRenderedComponent<CorrectionPicker> picker) =>
        [.. picker.FindAll("[role=option]").Select(o => o.TextContent.Replace("current", "").Trim())];

    [Fact]
    public async Task Typing_filters_the_categories_by_display_name_or_name()
    {
        var picker = RenderPicker();

        await TypeAsync(picker.Find("input"), "tech");
        Assert.Equal(["Information Technology"], Options(picker));

        await TypeAsync(picker.Find("input"), "hr");
        Assert.Equal(["Human Resources"], Options(picker));
    }

    [Fact]
    public async Task Enter_saves_the_highlighted_category_which_starts_on_the_first_one_that_changes_the_answer()
    {
        var picker = RenderPicker(current: "Sales");

        await PressAsync(picker.Find("input"), "Enter");

        Assert.Equal("Marketing", _saved);
    }

    [Fact]
    public async Task Arrow_keys_move_the_highlight_before_Enter_saves()
    {
        var picker = RenderPicker();

        await PressAsync(picker.Find("input"), "ArrowDown");
        await PressAsync(picker.Find("input"), "ArrowDown");
        await PressAsync(picker.Find("input"), "ArrowUp");
        await PressAsync(picker.Find("input"), "Enter");

        Assert.Equal("HR", _saved);
    }

    [Fact]
    public async Task Escape_cancels_without_saving()
    {
        var picker = RenderPicker();

        await PressAsync(picker.Find("input"), "Escape");

        Assert.True(_cancelled);
        Assert.Null(_saved);
    }

    [Fact]
    public async Task A_filter_matching_nothing_says_so_and_Enter_saves_nothing()
    {
        var picker = RenderPicker();

        await TypeAsync(picker.Find("input"), "zzz");
        await PressAsync(picker.Find("input"), "Enter");

        Assert.Contains("No category matches \"zzz\"", picker.Find(".picker-none").TextContent);
        Assert.Null(_saved);
    }
}
