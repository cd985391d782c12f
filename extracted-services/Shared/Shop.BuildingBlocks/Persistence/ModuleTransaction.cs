using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Shop.BuildingBlocks.Persistence;

/// <summary>
/// A handler's own all-or-nothing unit. When the context is already inside a transaction (a dry run
/// holds one open for the whole request) the unit becomes a savepoint of it, so the handler's own
/// rollback still undoes only its part and its commit does not end the outer transaction.
/// </summary>
public sealed class ModuleTransaction : IAsyncDisposable
{
    private readonly IDbContextTransaction _transaction;
    private readonly string? _savepoint;
    private bool _completed;

    private ModuleTransaction(IDbContextTransaction transaction, string? savepoint)
    {
        _transaction = transaction;
        _savepoint = savepoint;
    }

    public static async Task<ModuleTransaction> BeginAsync(DatabaseFacade database, CancellationToken cancellationToken)
    {
        if (database.CurrentTransaction is { } outer)
        {
            var savepoint = "unit_" + Guid.NewGuid().ToString("N");
            await outer.CreateSavepointAsync(savepoint, cancellationToken);
            return new ModuleTransaction(outer, savepoint);
        }

        return new ModuleTransaction(await database.BeginTransactionAsync(cancellationToken), null);
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        _completed = true;
        if (_savepoint is null)
        {
            await _transaction.CommitAsync(cancellationToken);
        }
        else if (_transaction.SupportsSavepoints)
        {
            await _transaction.ReleaseSavepointAsync(_savepoint, cancellationToken);
        }
    }

    public async Task RollbackAsync(CancellationToken cancellationToken)
    {
        _completed = true;
        if (_savepoint is null)
        {
            await _transaction.RollbackAsync(cancellationToken);
        }
        else
        {
            await _transaction.RollbackToSavepointAsync(_savepoint, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_savepoint is null)
        {
            await _transaction.DisposeAsync();
        }
        else if (!_completed)
        {
            await _transaction.RollbackToSavepointAsync(_savepoint);
        }
    }
}

public static class ModuleTransactionExtensions
{
    /// <summary>Begins a transaction, or a savepoint inside the one already open.</summary>
    public static Task<ModuleTransaction> BeginUnitAsync(this DatabaseFacade database, CancellationToken cancellationToken) =>
        ModuleTransaction.BeginAsync(database, cancellationToken);
}
