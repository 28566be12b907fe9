package dev.creditline.bootstrap;

import dev.creditline.application.service.LotService;
import dev.creditline.persistence.JdbiLotRepository;
import dev.creditline.persistence.JdbiTransactions;
import dev.creditline.rest.operations.OpenApiDocument;
import dev.creditline.rest.resource.LotGrantResource;
import dev.creditline.rest.resource.LotVoidResource;
import dev.creditline.rest.resource.LotsResource;

/** Credit lots (docs/lots.md): the lots view, internal grants and void, and the expiry sweeper. */
final class LotsWiring {

    private LotsWiring() {
    }

    /** The lot repository on {@code tx}. */
    static JdbiLotRepository lots(JdbiTransactions tx) {
        return new JdbiLotRepository(tx);
    }

    /** The lot use cases; the free allowance is the touch of a user before a read. */
    static LotService lotService(Creditline.Core core) {
        return new LotService(core.tx(), lots(core.tx()), core.ledger(), core.users(), core.freeAllowance(),
                core.clock());
    }

    /** Registers the resources and the sweeper's lifecycle. */
    static void register(Creditline.Core core, LotService lots) {
        OpenApiDocument.include(core.rc(), "lots");
        Settings.LotSettings settings = core.settings().lots();
        core.rc().register(new LotsResource(lots));
        core.rc().register(new LotGrantResource(lots, core.idempotency()));
        core.rc().register(new LotVoidResource(lots, lots::voidLot, core.idempotency()));
        LotExpirySweeper sweeper = new LotExpirySweeper(lots, settings.sweepInterval(), settings.sweepBatch());
        sweeper.start();
        core.closeOnShutdown(sweeper);
    }
}
