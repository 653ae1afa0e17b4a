package dev.observability.sample.catalog;

import java.util.List;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Seeds a small catalog into an empty database, so the service has something to sell on first start.
 */
@Component
public class CatalogSeeder implements ApplicationRunner {

	private static final List<Product> SEED = List.of(new Product("BOOK-001", "Site Reliability Engineering", 4_299),
			new Product("BOOK-002", "The Site Reliability Workbook", 4_599),
			new Product("KBD-001", "Mechanical keyboard", 12_900),
			new Product("MUG-001", "On-call survivor mug", 1_450),
			new Product("PAGER-01", "Vintage pager", 8_900),
			new Product("SOCK-001", "Observability socks (pair)", 990),
			new Product("STKR-001", "Sticker pack", 450),
			new Product("TSHIRT-1", "\"It works on my machine\" T-shirt", 2_400));

	/** SKUs of the seeded catalog. */
	public static final List<String> SKUS = SEED.stream().map(Product::getSku).toList();

	private final ProductRepository products;

	CatalogSeeder(ProductRepository products) {
		this.products = products;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		if (this.products.count() == 0) {
			this.products.saveAll(SEED.stream()
				.map((product) -> new Product(product.getSku(), product.getName(), product.getPriceCents()))
				.toList());
		}
	}

}
