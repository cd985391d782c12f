namespace Docs.Tests;

// The runnable pages in three classes, so xunit runs three pages side by side (see ExecutableDocsTests).
public sealed class RunnablePagesA
{
    public static TheoryData<string> Pages => ExecutableDocsTests.PagesOfLane(0);

    [Theory]
    [MemberData(nameof(Pages))]
    public Task Every_runnable_block_on_the_page_prints_what_the_page_says(string page) => ExecutableDocsTests.RunPageAsync(page);
}

public sealed class RunnablePagesB
{
    public static TheoryData<string> Pages => ExecutableDocsTests.PagesOfLane(1);

    [Theory]
    [MemberData(nameof(Pages))]
    public Task Every_runnable_block_on_the_page_prints_what_the_page_says(string page) => ExecutableDocsTests.RunPageAsync(page);
}

public sealed class RunnablePagesC
{
    public static TheoryData<string> Pages => ExecutableDocsTests.PagesOfLane(2);

    [Theory]
    [MemberData(nameof(Pages))]
    public Task Every_runnable_block_on_the_page_prints_what_the_page_says(string page) => ExecutableDocsTests.RunPageAsync(page);
}
