package dev.creditline.rest.problem;

import dev.creditline.domain.ValidationException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A request record that breaks a Bean Validation constraint: the same 400 {@code VALIDATION_FAILED}
 * problem a {@link ValidationException} gives, naming one field by its JSON path ({@code usage.inputTokens})
 * with the constraint's message ({@code userId is required}); a violation of the parameter itself names
 * {@code body}. Of several violations the reported one is the first in the record's component order (a
 * missing value before a malformed one), so the answer does not depend on a set's iteration order.
 */
@Provider
public final class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {

    private static final DomainExceptionMapper DOMAIN = new DomainExceptionMapper();

    @Override
    public Response toResponse(ConstraintViolationException e) {
        ConstraintViolation<?> first = e.getConstraintViolations().stream()
                .min(Comparator.comparing(ConstraintViolationMapper::order, ConstraintViolationMapper::compare)
                        .thenComparing(v -> presence(v) ? 0 : 1)
                        .thenComparing(ConstraintViolation::getMessage))
                .orElseThrow(() -> e);
        return DOMAIN.toResponse(new ValidationException(field(first), first.getMessage()));
    }

    /** The JSON path of the violated value: property names joined with dots; the parameter itself is the body. */
    static String field(ConstraintViolation<?> v) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : v.getPropertyPath()) {
            if (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                if (node.getIndex() != null) {
                    field.append('[').append(node.getIndex()).append(']');
                }
                if (node.getName() != null && node.getKind() == ElementKind.PROPERTY) {
                    field.append(field.isEmpty() ? "" : ".").append(node.getName());
                }
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    /** The positions of the path's properties among their records' components, outermost first. */
    private static List<Integer> order(ConstraintViolation<?> v) {
        List<Integer> order = new ArrayList<>();
        Class<?> type = rootValueType(v);
        for (Path.Node node : v.getPropertyPath()) {
            if (node.getKind() != ElementKind.PROPERTY || type == null || !type.isRecord()) {
                continue;
            }
            RecordComponent[] components = type.getRecordComponents();
            int index = components.length;
            Class<?> next = null;
            for (int i = 0; i < components.length; i++) {
                if (components[i].getName().equals(node.getName())) {
                    index = i;
                    next = components[i].getType();
                }
            }
            order.add(index);
            type = next;
        }
        return order;
    }

    /** The record validated: the method parameter's value, or the validated bean itself. */
    private static Class<?> rootValueType(ConstraintViolation<?> v) {
        Object[] parameters = v.getExecutableParameters();
        if (parameters != null) {
            for (Path.Node node : v.getPropertyPath()) {
                if (node.getKind() == ElementKind.PARAMETER) {
                    int i = node.as(Path.ParameterNode.class).getParameterIndex();
                    return i < parameters.length && parameters[i] != null ? parameters[i].getClass() : null;
                }
            }
            return null;
        }
        return v.getRootBeanClass();
    }

    private static int compare(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Integer.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static boolean presence(ConstraintViolation<?> v) {
        Class<?> type = v.getConstraintDescriptor().getAnnotation().annotationType();
        return type == NotNull.class || type == NotEmpty.class || type == NotBlank.class;
    }
}
