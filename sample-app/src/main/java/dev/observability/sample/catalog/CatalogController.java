package dev.observability.sample.catalog;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/catalog")
class CatalogController {

	private final ProductRepository products;

	CatalogController(ProductRepository products) {
		this.products = products;
	}

	@GetMapping
	List<ProductResponse> list() {
		return this.products.findAllByOrderBySkuAsc().stream().map(ProductResponse::of).toList();
	}

	@GetMapping("/{sku}")
	ProductResponse get(@PathVariable String sku) {
		return this.products.findById(sku).map(ProductResponse::of).orElseThrow(() -> new ProductNotFoundException(sku));
	}

	record ProductResponse(String sku, String name, long priceCents) {

		static ProductResponse of(Product product) {
			return new ProductResponse(product.getSku(), product.getName(), product.getPriceCents());
		}

	}

}
