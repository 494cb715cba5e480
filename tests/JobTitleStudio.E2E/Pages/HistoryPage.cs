using Microsoft.Playwright;

namespace JobTitleStudio.E2E.Pages;

/// <summary>Page object for History: the list of every change, and undo.</summary>
public sealed class HistoryPage(IPage page)
{
    public ILocator Grid => page.GetByTestId("history-grid");

    public ILocator Message => page.GetByTestId("history-message");

    public Task UndoAsync(string entry) => page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = $"Undo {entry}" }).ClickAsync();
}
