using Bunit;
using JobTitleStudio.Web.Data;
using JobTitleStudio.Web.Features.Workspaces;
using JobTitleStudio.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JobTitleStudio.Web.Tests.Components;

public sealed class WorkspacePickerTests : StudioComponentTest
{
    [Fact]
    public async Task Shows_the_Default_workspace_from_the_database_as_the_current_choice()
    {
        using var database = await TestDatabase.CreateMigratedAsync();
        Services.AddSingleton<IDbContextFactory<AppDbContext>>(database);
        Services.AddWorkspaces();

        var picker = Render<WorkspacePicker>();

        picker.WaitForAssertion(() => Assert.Equal(Workspace.DefaultName, picker.Find(".rz-dropdown-label").TextContent.Trim()));
        Assert.Equal(Workspace.DefaultName, Services.GetRequiredService<WorkspaceState>().Current?.Name);
    }

    [Fact]
    public async Task Choosing_a_workspace_in_the_dropdown_updates_the_shared_state()
    {
        using var database = await TestDatabase.CreateMigratedAsync();
        await database.AddWorkspacesAsync("Agency");
        Services.AddSingleton<IDbContextFactory<AppDbContext>>(database);
        Services.AddWorkspaces();
        var state = Services.GetRequiredService<WorkspaceState>();
        var picker = Render<WorkspacePicker>();
        picker.WaitForAssertion(() => Assert.Equal(2, state.Workspaces.Count));

        var dropDown = picker.FindComponent<Radzen.Blazor.RadzenDropDown<int>>();
        await picker.InvokeAsync(() => dropDown.Instance.ValueChanged.InvokeAsync(state.Workspaces.Single(w => w.Name == "Agency").Id));

        Assert.Equal("Agency", state.Current?.Name);
        picker.WaitForAssertion(() => Assert.Equal("Agency", picker.Find(".rz-dropdown-label").TextContent.Trim()));
    }

    [Fact]
    public async Task Creating_a_workspace_from_the_picker_makes_it_the_current_choice()
    {
        using var database = await TestDatabase.CreateMigratedAsync();
        var (picker, state) = await CreateFromPickerAsync(database, "Agency");

        picker.WaitForAssertion(() => Assert.Equal("Agency", state.Current?.Name));
        Assert.Equal(["Agency", Workspace.DefaultName], state.Workspaces.Select(w => w.Name));
        Assert.Empty(picker.FindAll("[data-testid=new-workspace-form]"));
    }

    [Fact]
    public async Task A_taken_name_is_shown_as_an_error_and_the_current_workspace_stays()
    {
        using var database = await TestDatabase.CreateMigratedAsync();
        var (picker, state) = await CreateFromPickerAsync(database, "default");

        picker.WaitForAssertion(() => Assert.Contains("already a workspace", picker.Find("[data-testid=new-workspace-error]").TextContent));
        Assert.Equal(Workspace.DefaultName, state.Current?.Name);
    }

    /// <summary>Opens the picker's new-workspace form, types <paramref name="name"/> and submits it.</summary>
    private async Task<(IRenderedComponent<WorkspacePicker> Picker, WorkspaceState State)> CreateFromPickerAsync(TestDatabase database, string name)
    {
        Services.AddSingleton<IDbContextFactory<AppDbContext>>(database);
        Services.AddWorkspaces();
        var state = Services.GetRequiredService<WorkspaceState>();
        var picker = Render<WorkspacePicker>();
        picker.WaitForAssertion(() => Assert.Single(state.Workspaces));

        await FireAsync(picker.Find("[data-testid=workspace-add]"), "click", new Microsoft.AspNetCore.Components.Web.MouseEventArgs());
        await TypeAsync(picker.Find("[data-testid=new-workspace-name]"), name);
        await FireAsync(picker.Find("[data-testid=new-workspace-form]"), "submit", EventArgs.Empty);
        return (picker, state);
    }
}
