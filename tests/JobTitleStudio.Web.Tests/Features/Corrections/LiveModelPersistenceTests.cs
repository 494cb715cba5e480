using System.Net;
using JobTitleStudio.Web.Features.Corrections;
using JobTitleStudio.Web.Tests.Support;

namespace JobTitleStudio.Web.Tests.Features.Corrections;

public sealed class LiveModelPersistenceTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task A_correction_holds_after_a_restart_on_the_same_database_and_data_folder()
    {
        await using (var first = await AnalystApp.StartMisledAsync(_folder.Path))
        {
            Assert.Equal(HttpStatusCode.OK, (await first.CorrectAsync(AnalystApp.TalentTitle, "Function", "Human Resources")).StatusCode);
        }

        await using var second = await AnalystApp.StartMisledAsync(_folder.Path);

        Assert.Equal("Human Resources", await second.LabelAsync(AnalystApp.TalentTitle, "Function"));
        var store = second.Service<LiveModelStore>();
        Assert.True(File.Exists(store.ModelPath("Default")), "the live model was not saved next to the database");
        Assert.Equal(Path.Combine(_folder.Path, "data", "models"), store.Folder);
        Assert.True(store.ReadState("Default")!.LastCorrectionId >= 1);
    }

    [Fact]
    public async Task Start_up_replays_corrections_the_live_model_file_does_not_hold()
    {
        await using (var first = await AnalystApp.StartMisledAsync(_folder.Path))
        {
            (await first.CorrectAsync(AnalystApp.TalentTitle, "Function", "Human Resources")).EnsureSuccessStatusCode();
        }
        // As if the app died before its background writer saved: only the database has the correction.
        var models = Path.Combine(_folder.Path, "data", "models");
        Directory.Delete(models, recursive: true);

        await using var second = await AnalystApp.StartMisledAsync(_folder.Path);

        Assert.Equal("Human Resources", await second.LabelAsync(AnalystApp.TalentTitle, "Function"));
    }

    public void Dispose() => _folder.Dispose();
}
