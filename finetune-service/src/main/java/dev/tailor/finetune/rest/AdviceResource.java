package dev.tailor.finetune.rest;

import dev.tailor.contracts.Roles;
import dev.tailor.finetune.advice.Advice;
import dev.tailor.finetune.advice.AdviceService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

@Path("/api/v1/advice")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class AdviceResource {

    private final AdviceService advice;

    AdviceResource(AdviceService advice) {
        this.advice = advice;
    }

    @GET
    @Operation(summary = "RAG, fine-tuning or hybrid per permission group, with reasons and every figure used")
    public List<Advice> advice(@QueryParam("group") String group) {
        List<Advice> all = advice.advise();
        if (group == null || group.isBlank()) {
            return all;
        }
        List<Advice> one = all.stream().filter(a -> a.groupId().equals(group)).toList();
        if (one.isEmpty()) {
            throw new NotFoundException("no permission group " + group + "; GET /api/v1/groups lists them");
        }
        return one;
    }
}
