using System.Net.Http.Json;
using JobTitleStudio.Web.Data;
using JobTitleStudio.Web.Features.Corrections;
using JobTitleStudio.Web.Features.Lookup;
using JobTitleStudio.Web.Features.Review;
using JobTitleStudio.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace JobTitleStudio.Web.Tests.Features.Review;

public sealed class ReviewQueueTests : IAsyncLifetime
{
    private AnalystApp _app = null!;
    private ReviewService _review = null!;
    private LiveWorkspace _workspace = null!;

    public async Task InitializeAsync()
    {
        _app = await AnalystApp.StartAsync();
        _review = _app.Service<ReviewService>();
        _workspace = await _app.Service<WorkspaceModels>().FindAsync(null);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task ClassifyAsync(params string[] titles) =>
        (await _app.Client.PostAsJsonAsync("/api/classify", new { titles })).EnsureSuccessStatusCode();

    [Fact]
    public async Task The_least_certain_prediction_comes_first_and_a_title_looked_up_twice_is_queued_once()
    {
        await ClassifyAsync("Sales Manager", "Chief Bottle Washer");
        await ClassifyAsync("Chief Bottle Washer");

        var queue = await _review.NextAsync(_workspace, new ReviewFilter("Function"), [], 10);

        Assert.Equal(["Chief Bottle Washer", "Sales Manager"], queue.Select(i => i.Record.Title));
        Assert.True(queue[0].Record.Uncertainty > queue[1].Record.Uncertainty);
        Assert.Equal(2, (await _review.ProgressAsync(_workspace, new ReviewFilter("Function"))).Remaining);
    }

    [Fact]
    public async Task A_keyword_rule_that_disagrees_with_the_model_is_recorded_and_raises_the_uncertainty()
    {
        // The shipped level rules read "manager" as Manager; the test model learned this exact title as Professional.
        await ClassifyAsync("Account Manager");

        var item = Assert.Single(await _review.NextAsync(_workspace, new ReviewFilter("Level"), [], 10));

        Assert.Equal("Professional", item.Record.Label);
        Assert.Equal("Manager", item.Record.RuleLabel);
        Assert.Equal(Uncertainty.Score(item.Record.Probability, item.Record.Margin, ruleDisagrees: true), item.Record.Uncertainty);
    }

    [Fact]
    public async Task Accepting_stores_a_confirmation_takes_the_title_out_of_the_queue_and_undo_puts_it_back()
    {
        await ClassifyAsync("Chief Bottle Washer");
        var item = Assert.Single(await _review.NextAsync(_workspace, new ReviewFilter("Function"), [], 10));

        var action = await _review.AcceptAsync(_workspace, item);

        Assert.Empty(await _review.NextAsync(_workspace, new ReviewFilter("Function"), [], 10));
        Assert.Equal(new ReviewProgress(1, 0), await _review.ProgressAsync(_workspace, new ReviewFilter("Function")));
        await using (var db = await _app.Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            var confirmation = await db.Corrections.SingleAsync(c => c.Id == action.CorrectionId);
            Assert.Equal((CorrectionKind.Confirmation, item.Current.Label, item.Current.Label, PredictionSources.Review),
                (confirmation.Kind, confirmation.OldLabel, confirmation.NewLabel, confirmation.Source));
        }

        await _review.UndoAsync(_workspace, action);

        Assert.Equal("Chief Bottle Washer", Assert.Single(await _review.NextAsync(_workspace, new ReviewFilter("Function"), [], 10)).Record.Title);
        await using (var db = await _app.Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            Assert.Equal(action.CorrectionId, (await db.Corrections.SingleAsync(c => c.Kind == CorrectionKind.Undo)).UndoOfId);
        }
    }

    [Fact]
    public async Task Picking_another_category_corrects_the_live_model_and_the_filter_by_category_narrows_the_queue()
    {
        await ClassifyAsync("Chief Bottle Washer", "Sales Manager");
        var salesOnly = await _review.NextAsync(_workspace, new ReviewFilter("Function", "Sales"), [], 10);
        var bottleWasher = (await _review.NextAsync(_workspace, new ReviewFilter("Function"), [], 10)).First(i => i.Record.Title == "Chief Bottle Washer");
        var other = bottleWasher.Current.Top.First(c => c.Category != bottleWasher.Current.Label).Category;

        await _review.CorrectAsync(_workspace, bottleWasher, other);

        Assert.Equal("Sales Manager", Assert.Single(salesOnly).Record.Title);
        Assert.Equal(other, await _app.LabelAsync("Chief Bottle Washer", "Function"));
    }

    [Fact]
    public async Task Skipped_items_stay_out_of_this_session_queue()
    {
        await ClassifyAsync("Chief Bottle Washer", "Sales Manager");
        var first = (await _review.NextAsync(_workspace, new ReviewFilter("Function"), [], 10))[0];

        var rest = await _review.NextAsync(_workspace, new ReviewFilter("Function"), [first.Record.Id], 10);

        Assert.DoesNotContain(rest, i => i.Record.Id == first.Record.Id);
        Assert.Single(rest);
    }
}
